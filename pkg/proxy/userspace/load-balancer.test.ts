// Endpoint choice of the userspace proxy: round-robin, ClientIP affinity with its timeout, and
// skipping endpoints that just refused.
import t from 'tap';
import { LoadBalancer } from './load-balancer.js';

const A = { ip: '10.0.0.1', port: 80 };
const B = { ip: '10.0.0.2', port: 80 };
const C = { ip: '10.0.0.3', port: 80 };

t.test('round-robin over the endpoints, restarting when they change', async (t) => {
  const lb = new LoadBalancer();
  lb.update([A, B, C], 0);
  t.same([1, 2, 3, 4].map(() => lb.pick('1.1.1.1')?.ip), ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.1']);
  lb.update([B, C], 0);
  t.same([1, 2].map(() => lb.pick('1.1.1.1')?.ip), ['10.0.0.2', '10.0.0.3']);
  lb.update([], 0);
  t.equal(lb.pick('1.1.1.1'), undefined);
});

t.test('ClientIP affinity sticks until the timeout or until the endpoint goes', async (t) => {
  let now = 0;
  const lb = new LoadBalancer(() => now);
  lb.update([A, B], 10);
  const first = lb.pick('1.1.1.1');
  const other = lb.pick('2.2.2.2');
  t.not(first?.ip, other?.ip, 'new clients are still spread');
  for (let i = 0; i < 5; i++) t.same(lb.pick('1.1.1.1'), first, 'sticks');
  now += 11_000;
  lb.pick('3.3.3.3');
  t.not(lb.pick('1.1.1.1')?.ip, undefined);
  lb.update([first?.ip === A.ip ? B : A], 10);
  t.not(lb.pick('2.2.2.2')?.ip, undefined);
  const sticky = lb.pick('1.1.1.1');
  t.not(sticky?.ip, first?.ip, 'its endpoint left: balanced afresh');
  t.same(lb.pick('1.1.1.1'), sticky);
});

t.test('skip passes over endpoints that refused, even a sticky one', async (t) => {
  const lb = new LoadBalancer();
  lb.update([A, B], 60);
  const first = lb.pick('1.1.1.1');
  const next = lb.pick('1.1.1.1', new Set([`${first?.ip}:80`]));
  t.not(next?.ip, first?.ip);
  t.equal(lb.pick('1.1.1.1', new Set(['10.0.0.1:80', '10.0.0.2:80'])), undefined);
});
