import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { clientMessageTypes, closeCodes, errorCodes, resyncReasons, serverEventTypes } from '@taskpulse/contract';
import { parse } from 'yaml';

/** docs/asyncapi.yaml must describe exactly what the contract (`@taskpulse/contract`) defines. */
type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };
type YamlMap = { [key: string]: Yaml };

function findDocument(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const file = join(dir, 'docs', 'asyncapi.yaml');
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) throw new Error('docs/asyncapi.yaml not found above the working directory');
  }
}

function resolve(document: YamlMap, ref: string): Yaml | undefined {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Yaml | undefined>((node, key) => (node && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined), document);
}

function refsIn(node: Yaml, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

describe('docs/asyncapi.yaml', () => {
  const sut = parse(readFileSync(findDocument(), 'utf8')) as YamlMap;
  const deref = (node: Yaml): YamlMap => {
    let current = node as YamlMap;
    while (typeof current?.$ref === 'string') current = resolve(sut, current.$ref) as YamlMap;
    return current;
  };
  const operationMessages = (operation: string): YamlMap[] =>
    ((deref((sut.operations as YamlMap)[operation]).messages as Yaml[]) ?? []).map((message) => deref(message));
  const constOf = (message: YamlMap, field: string): Yaml | undefined =>
    (deref((deref(message.payload).properties as YamlMap)[field]) as YamlMap | undefined)?.const;

  it('is an AsyncAPI 3.0 document for /api/ws', () => {
    expect(sut.asyncapi).toBe('3.0.0');
    expect(deref((sut.channels as YamlMap).realtime).address).toBe('/api/ws');
  });

  it('has no dangling $ref', () => {
    const dangling = refsIn(sut).filter((ref) => resolve(sut, ref) === undefined);

    expect(dangling).toEqual([]);
  });

  it('sends exactly the server event types of the contract', () => {
    const sent = operationMessages('sendEvents').map((message) => [message.name, constOf(message, 'event_type')]);

    expect(sent.map(([name]) => name).sort()).toEqual([...serverEventTypes].sort());
    for (const [name, eventType] of sent) expect(eventType).toBe(name);
  });

  it('receives exactly the client message types of the contract', () => {
    const received = operationMessages('receiveClientMessages').map((message) => [message.name, constOf(message, 'type')]);

    expect(received.map(([name]) => name).sort()).toEqual([...clientMessageTypes].sort());
    for (const [name, type] of received) expect(type).toBe(name);
  });

  it('lists every close code of the contract under its name, and no other', () => {
    const listed = (sut['x-close-codes'] as YamlMap[]).map((entry) => [entry.name, entry.code]);

    expect(Object.fromEntries(listed)).toEqual(closeCodes);
    expect(listed).toHaveLength(Object.keys(closeCodes).length);
  });

  it('names every error code and resync reason of the contract', () => {
    const errorSchema = deref(deref(deref((sut.components as YamlMap).messages as YamlMap).error as YamlMap).payload);
    const codeEnum = ((errorSchema.properties as YamlMap).data as YamlMap).properties as YamlMap;
    const resync = deref(((sut.components as YamlMap).schemas as YamlMap).ResyncRequiredMessage);
    const reasons = (((resync.properties as YamlMap).data as YamlMap).properties as YamlMap).reason as YamlMap;

    expect((codeEnum.code as YamlMap).enum).toEqual(Object.values(errorCodes));
    expect((sut['x-error-codes'] as YamlMap[]).map((entry) => entry.code)).toEqual(Object.values(errorCodes));
    expect(reasons.enum).toEqual(Object.values(resyncReasons));
  });
});
