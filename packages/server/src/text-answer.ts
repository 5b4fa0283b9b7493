/**
 * A proxy answer kept as text until it is written. `toNodeHandler` writes it straight to Node's
 * response; every other caller (Next.js, Hono, tests) gets the Web `Response` made from it. On
 * Node 20, making a `Response` and reading it back cost about 55 µs of CPU per call — a fifth of
 * a proxied status read under load (`pnpm bench:proxy`).
 */
export interface TextAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

type Answering = (request: Request) => Promise<TextAnswer | Response>;

const answerers = new WeakMap<object, Answering>();

export function toResponse(answer: TextAnswer | Response): Response {
  return answer instanceof Response ? answer : new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** The Web handler of `answer`, which `toNodeHandler` short-cuts through `textAnswering`. */
export function answeringHandler(answer: Answering): (request: Request) => Promise<Response> {
  const handler = async (request: Request) => toResponse(await answer(request));
  answerers.set(handler, answer);
  return handler;
}

/** The text-answering function behind a handler made by `answeringHandler`, if it is one. */
export function textAnswering(handler: object): Answering | undefined {
  return answerers.get(handler);
}
