import { FINESS, OTHER_FINESS, TestApi, bearer, submission } from './support/vigie-api';

interface FeedEvent {
  id: string;
  type: string;
  data: { id: string; reference: string | null; finess: string; position: string };
}

/** A real EventSource-like reader over real HTTP: events as they arrive, until stopped. */
function openFeed(url: string, headers: Record<string, string>) {
  const events: FeedEvent[] = [];
  const controller = new AbortController();
  const done = (async () => {
    const response = await fetch(url, { headers, signal: controller.signal });
    if (response.status !== 200 || response.body === null)
      throw new Error(`feed answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((line) => line.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        if (field('event') === 'declaration')
          events.push({
            id: field('id') ?? '',
            type: 'declaration',
            data: JSON.parse(field('data') ?? '{}'),
          });
      }
    }
  })().catch((error: unknown) => {
    if ((error as { name?: string } | null)?.name !== 'AbortError') throw error;
  });
  return {
    events,
    async until(test: (event: FeedEvent) => boolean, timeoutMs = 10_000): Promise<FeedEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(test);
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error('no such event on the feed');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    /** Resolves when the server ended the stream. */
    ended: done,
    async close(): Promise<void> {
      controller.abort();
      await done;
    },
  };
}

/** The live feed of declaration changes (server-sent events) over real HTTP. */
describe('the live feed of declaration changes', () => {
  let api: TestApi & { url: string };
  let declarant: Record<string, string>;
  let other: Record<string, string>;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    api = await TestApi.listening();
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-ch-x', finess: [FINESS] }));
    other = bearer(await api.token({ role: 'declarant', sub: 'rssi-other', finess: [OTHER_FINESS] }));
    analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('a new declaration reaches an analyst’s open feed, not another facility’s; a reconnection resumes', async () => {
    const cert = openFeed(`${api.url}/api/v1/declaration-changes`, analyst);
    const elsewhere = openFeed(`${api.url}/api/v1/declaration-changes`, other);
    try {
      // The feeds start from the read side's position at connection: let them connect.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const sentAt = Date.now();
      const { id, reference } = (
        await api.http.post('/api/v1/declarations').set(declarant).send(submission()).expect(201)
      ).body;
      const event = await cert.until((candidate) => candidate.data.id === id);
      process.stdout.write(`feed: a submission reached the analyst's feed in ${Date.now() - sentAt} ms\n`);
      expect(event.data).toMatchObject({ id, reference, finess: FINESS });
      expect(event.id).toBe(event.data.position);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(elsewhere.events.map((candidate) => candidate.data.id)).not.toContain(id);

      // Reconnecting with Last-Event-ID before that change gives it again, and only what follows.
      const resumed = openFeed(`${api.url}/api/v1/declaration-changes`, {
        ...analyst,
        'Last-Event-ID': String(BigInt(event.id) - 1n),
      });
      try {
        expect((await resumed.until((candidate) => candidate.data.id === id)).id).toBe(event.id);
      } finally {
        await resumed.close();
      }
    } finally {
      await cert.close();
      await elsewhere.close();
    }
  });

  it('once=true gives the changes after a position and ends', async () => {
    const response = await api.http
      .get('/api/v1/declaration-changes')
      .query({ after: '0', once: 'true' })
      .set(analyst)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(response.text).toContain('event: declaration');
  });
});

describe('the live feed when the API stops', () => {
  it('open streams are ended by the server: the stop does not wait on them', async () => {
    const api = await TestApi.listening();
    const analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-cert' }));
    const feed = openFeed(`${api.url}/api/v1/declaration-changes`, analyst);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A stream the API did not end would hold its HTTP server open: stop() would not resolve.
    await Promise.all([api.stop(), feed.ended]);
    expect(feed.events).toEqual([]);
  }, 20_000);
});
