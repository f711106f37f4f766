// The roles `kubelite server` runs, in start order, and which of them exist yet.

/** Role is one of the five control-plane roles. */
export interface Role {
  name: 'apiserver' | 'scheduler' | 'controller-manager' | 'kubelet' | 'proxy';
  /** built is false until the role's issue lands; server says so at start. */
  built: boolean;
  issue: string;
}

/** ROLES lists the roles in the order `server` starts them: store → apiserver → the rest. */
export const ROLES: readonly Role[] = [
  { name: 'apiserver', built: true, issue: 'issue 3' },
  { name: 'scheduler', built: true, issue: 'issue 7' },
  { name: 'controller-manager', built: true, issue: 'issue 8' },
  { name: 'kubelet', built: true, issue: 'issue 5' },
  { name: 'proxy', built: true, issue: 'issue 9' },
];
