/** A lookup from service id to its name, falling back to the id. */
export function serviceNames(services: readonly { id: string; name: string }[]): (id: string) => string {
  const names = new Map(services.map((s) => [s.id, s.name]));
  return (id) => names.get(id) ?? id;
}
