// Image references and the pull policy they default to.
import t from 'tap';
import { defaultPullPolicy, parseImageReference } from './image.js';

t.test('references', async (t) => {
  t.strictSame(parseImageReference('nginx'), { name: 'nginx', tag: '', digest: '' });
  t.strictSame(parseImageReference('registry.example.com:5000/shop/web:1.14.2'), { name: 'registry.example.com:5000/shop/web', tag: '1.14.2', digest: '' });
  t.equal(parseImageReference('web@sha256:' + 'a'.repeat(64))?.digest, 'sha256:' + 'a'.repeat(64));
  t.equal(parseImageReference('Nginx'), undefined, 'repository names are lowercase');
  t.equal(parseImageReference('a'.repeat(64)), undefined, '64 hex digits look like an image ID');
  t.equal(parseImageReference(''), undefined);
  t.equal(parseImageReference('nginx:'), undefined);
});

t.test('pull policy', async (t) => {
  const cases: Array<[string, string]> = [
    ['nginx', 'Always'], ['nginx:latest', 'Always'], ['library/nginx:1.27', 'IfNotPresent'], ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v2', 'IfNotPresent'], ['app@sha256:' + 'b'.repeat(64), 'IfNotPresent'], ['app:latest@sha256:' + 'b'.repeat(64), 'Always'],
    ['', 'IfNotPresent'], ['UPPER:1', 'IfNotPresent'],
  ];
  for (const [image, want] of cases) t.equal(defaultPullPolicy(image), want, image || '(empty)');
});
