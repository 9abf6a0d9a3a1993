/** Where everything is, served by the console's own server as /config.json (tools/console-server.mjs). */
export interface ConsoleConfig {
  idp: { authority: string; clientId: string };
  services: Record<ServiceName, string>;
  temporalUi: { baseUrl: string; namespace: string };
  timeZone: string;
}

export const serviceNames = ['referrals', 'calworks', 'child-welfare', 'notifications'] as const;
export type ServiceName = (typeof serviceNames)[number];

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`The console's configuration could not be loaded (${res.status})`);
  return (await res.json()) as ConsoleConfig;
}
