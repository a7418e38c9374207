// Free loopback ports, asked of the OS (listen on port 0, then close) ahead of time, for what must
// listen on a port chosen before a process starts (a sandbox's extension relay). A fixed port range
// would collide with other programs on the machine; the OS hands out ports nobody holds.
import net from 'node:net';

export interface PortPool {
  /** A port nobody held a moment ago, or undefined when the pool is (momentarily) empty. */
  take(): number | undefined;
  close(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function createPortPool(size = 8): Promise<PortPool> {
  const ports: number[] = [];
  let closed = false;
  let filling = false;
  const fill = async () => {
    if (filling) return;
    filling = true;
    try {
      while (!closed && ports.length < size) ports.push(await freePort());
    } catch {
      // the next take() tries again
    } finally {
      filling = false;
    }
  };
  await fill();
  return {
    take() {
      const p = ports.shift();
      void fill();
      return p;
    },
    close() {
      closed = true;
    },
  };
}
