// Endpoints: port protocol default, addresses and ports.
import t from 'tap';
import { messagesOf } from '../../meta/validation-testing.js';
import { defaultEndpoints, validateEndpoints, validateEndpointsUpdate } from './endpoints.js';

const endpoints = (): Record<string, any> => ({
  apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'shop' },
  subsets: [{
    addresses: [{ ip: '10.244.1.5', nodeName: 'worker-1', targetRef: { kind: 'Pod', name: 'web-1', namespace: 'shop' } }],
    notReadyAddresses: [{ ip: '10.244.2.7' }],
    ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090, protocol: 'TCP' }],
  }],
});

t.test('endpoints get exactly the Kubernetes defaults and pass', async (t) => {
  const ep = endpoints();
  defaultEndpoints(ep);
  const want = endpoints();
  want.subsets[0].ports[0].protocol = 'TCP';
  t.strictSame(ep, want);
  t.strictSame(validateEndpoints(ep), []);
  t.strictSame(validateEndpointsUpdate(ep, endpoints(), { allowUnconditionalUpdate: true }), []);
});

t.test('invalid endpoints', async (t) => {
  const errs = (mutate: (e: Record<string, any>) => void) => { const e = endpoints(); mutate(e); defaultEndpoints(e); return messagesOf(validateEndpoints(e)); };
  t.strictSame(errs((e) => { e.subsets[0].addresses = []; e.subsets[0].notReadyAddresses = []; }),
    ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`']);
  t.strictSame(errs((e) => { e.subsets[0].addresses[0].ip = '127.0.0.1'; }),
    ['subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']);
  t.strictSame(errs((e) => { e.subsets[0].addresses[0].ip = 'pod-1'; }), [
    'subsets[0].addresses[0].ip: Invalid value: "pod-1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    'subsets[0].addresses[0].ip: Invalid value: "pod-1": must be a valid IP address',
  ]);
  t.strictSame(errs((e) => { delete e.subsets[0].ports[1].name; }), ['subsets[0].ports[1].name: Required value']);
  t.strictSame(errs((e) => { e.subsets[0].ports[0].port = 0; }), ['subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']);
});
