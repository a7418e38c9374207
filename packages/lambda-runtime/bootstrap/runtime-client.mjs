// The runtime side of the Lambda Runtime API (2018-06-01): long-poll the next invocation, post its
// response or error, or report an init error. Plain node:http with a keep-alive agent whose idle
// socket does not hold the event loop (as the real client's native connection does not).
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
agent.on('free', (socket) => socket.unref());

function request(endpoint, method, path, body, headers) {
  const [host, port] = endpoint.split(':');
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host, port: Number(port), method, path, agent, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('socket', (socket) => socket.ref());
    req.on('error', reject);
    req.end(body);
  });
}

export function createRuntimeClient(endpoint) {
  const base = '/2018-06-01/runtime';
  return {
    async next() {
      const res = await request(endpoint, 'GET', `${base}/invocation/next`);
      if (res.status !== 200) throw new Error(`runtime API /next answered ${res.status}: ${res.body}`);
      return res;
    },
    async postResponse(requestId, body) {
      await request(endpoint, 'POST', `${base}/invocation/${requestId}/response`, body, { 'content-type': 'application/json' });
    },
    async postError(requestId, errorResponse) {
      await request(endpoint, 'POST', `${base}/invocation/${requestId}/error`, JSON.stringify(errorResponse), {
        'content-type': 'application/json',
        'lambda-runtime-function-error-type': errorResponse.errorType,
      });
    },
    async postInitError(errorResponse) {
      await request(endpoint, 'POST', `${base}/init/error`, JSON.stringify(errorResponse), {
        'content-type': 'application/json',
        'lambda-runtime-function-error-type': errorResponse.errorType,
      });
    },
  };
}
