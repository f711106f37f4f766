// How a role finds the API server: every role but the apiserver takes these.
import { flag } from './flags.js';

/** clientFlags are the connection flags of scheduler, controller-manager, kubelet and proxy. */
export const clientFlags = {
  kubeconfig: flag('string', '', 'kubeconfig to reach the API server; empty: DATA_DIR/kubeconfig (written by the local apiserver)'),
  metricsBindAddress: flag('string', '127.0.0.1:0', 'address of this role\'s /metrics and /healthz endpoint when run standalone'),
};
