// The import rules of docs/architecture.md ("arrows point inward"), as code, so a machine says so.
// Paths are repo-relative with forward slashes.

const ROLE_DIRS = ['pkg/scheduler', 'pkg/controller', 'pkg/kubelet', 'pkg/proxy', 'pkg/kctl'];

const under = (path: string, dir: string): boolean => path === dir || path.startsWith(dir + '/');

/** checkImport returns why `from` may not import `to`, or null when the import is allowed. */
export function checkImport(from: string, to: string): string | null {
  if (/\.test\.ts$/.test(from) || under(from, 'test') || under(from, 'hack')) return null; // tests and tools may reach anything
  if (under(to, 'cmd') && !under(from, 'cmd')) return 'nothing outside cmd/ imports cmd/';
  if (under(to, 'cmd') && !under(from, 'cmd/kubelite') && from.split('/')[1] !== to.split('/')[1]) return 'only the multi-call cmd/kubelite imports other commands';
  if (under(from, 'api') && !under(to, 'api') && !to.startsWith('node_modules/')) return 'api/ is the innermost layer: it imports nothing from pkg/ or cmd/';
  if (under(to, 'pkg/storage') && !under(from, 'pkg/storage') && !under(from, 'pkg/registry') && !under(from, 'pkg/server')) {
    return 'only pkg/registry (and the composition root pkg/server) import pkg/storage';
  }
  if (under(to, 'pkg/registry') && !under(from, 'pkg/registry') && !under(from, 'pkg/apiserver')) return 'only pkg/apiserver imports pkg/registry';
  if (under(to, 'pkg/apiserver') && !under(from, 'pkg/apiserver') && !under(from, 'pkg/server') && !under(from, 'cmd')) {
    return 'only pkg/server and cmd/ start the apiserver';
  }
  const fromRole = ROLE_DIRS.find((d) => under(from, d));
  if (fromRole) {
    const ok = under(to, fromRole) || under(to, 'pkg/client') || under(to, 'pkg/util') || under(to, 'api');
    if (!ok) return `roles talk only through the API: ${fromRole} may import pkg/client, pkg/util and api/ only`;
  }
  if (under(from, 'pkg/client') && !(under(to, 'pkg/client') || under(to, 'pkg/util') || under(to, 'api'))) return 'pkg/client imports only pkg/util and api/';
  if (under(from, 'pkg/util') && !(under(to, 'pkg/util') || under(to, 'api') || to === 'package.json')) return 'pkg/util imports only api/';
  return null;
}
