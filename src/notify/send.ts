// Sending alerts: a robot webhook (企业微信 and 钉钉 take the same text message; `json` posts the
// alert as is) and e-mail through the office's SMTP server (nodemailer).
import nodemailer from 'nodemailer';
import type { Alert } from './alerts.ts';

export interface WebhookSetting {
  url: string;
  format: 'wecom' | 'dingtalk' | 'json';
}

export interface SmtpSetting {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
}

export async function postWebhook(w: WebhookSetting, text: string, alert: Alert): Promise<void> {
  const body =
    w.format === 'json'
      ? {
          kind: alert.kind,
          unit: alert.unitId,
          unitName: alert.unitName,
          finding: alert.finding,
          text,
        }
      : { msgtype: 'text', text: { content: text } };
  const res = await fetch(w.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`机器人接口返回 HTTP ${res.status}`);
}

export async function sendMail(
  s: SmtpSetting,
  to: string[],
  subject: string,
  text: string,
): Promise<void> {
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    ...(s.user ? { auth: { user: s.user, pass: s.pass ?? '' } } : {}),
  });
  try {
    await transport.sendMail({ from: s.from, to, subject, text });
  } finally {
    transport.close();
  }
}

/** One alert out by every configured way: the robot, and mail to the office and the unit. */
export async function deliver(
  n: { webhook?: WebhookSetting; smtp?: SmtpSetting; office: string[] },
  alert: Alert,
  unitEmail: string | undefined,
  subject: string,
  text: string,
): Promise<void> {
  if (n.webhook) await postWebhook(n.webhook, text, alert);
  const to = [...n.office, ...(unitEmail ? [unitEmail] : [])];
  if (n.smtp && to.length) await sendMail(n.smtp, to, subject, text);
}
