// The demo's own certificate authority, made afresh at each start: the clean sample unit is
// served over HTTPS with a certificate it signed, and the demo's config trusts it
// (network.ca), so the https check runs end to end as on a real site. Nothing is written to disk.
import selfsigned from 'selfsigned';

export interface Pem {
  cert: string;
  key: string;
}

const validity = () => {
  const from = new Date(Date.now() - 86_400_000);
  return { notBeforeDate: from, notAfterDate: new Date(from.getTime() + 30 * 86_400_000) };
};

/** An authority and a certificate it signed for `host`. */
export async function demoCertificates(host: string): Promise<{ ca: Pem; site: Pem }> {
  const root = await selfsigned.generate([{ name: 'commonName', value: 'zwgk-audit 示例 CA' }], {
    ...validity(),
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const ca = { cert: root.cert, key: root.private };
  const leaf = await selfsigned.generate([{ name: 'commonName', value: host }], {
    ...validity(),
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: host }] }],
    ca,
  });
  return { ca, site: { cert: leaf.cert, key: leaf.private } };
}
