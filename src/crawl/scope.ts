// Which pages are a unit's own. A unit with its own site owns its hosts. A unit on a shared
// platform (政府网站集约化) owns the part of the host its `scope` names: path (+ query) prefixes
// such as `/public/6596371/`, or query parameters such as `siteId=6596371`.
export class UnitScope {
  constructor(
    readonly hosts: Set<string>,
    private readonly rules: string[] = [],
  ) {}

  /** The unit has a part of a host rather than the whole of it. */
  get narrowed(): boolean {
    return this.rules.length > 0;
  }

  hasHost(u: URL): boolean {
    return this.hosts.has(u.host);
  }

  owns(u: URL): boolean {
    return this.hasHost(u) && (this.rules.length === 0 || matchesRules(u, this.rules));
  }
}

export function matchesRules(u: URL, rules: string[]): boolean {
  const pathAndQuery = u.pathname + u.search;
  return rules.some((r) => {
    if (r.startsWith('/')) return pathAndQuery.startsWith(r);
    const [k, v] = r.split('=');
    return u.searchParams.get(k) === v;
  });
}
