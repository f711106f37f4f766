// The tab writer against Go's text/tabwriter semantics kubectl depends on.
import t from 'tap';
import { tabbed, TabWriter } from './tabwriter.js';

const run = (text: string, opts = { minWidth: 6, tabWidth: 4, padding: 3 }): string => tabbed((w) => w.write(text), opts);

t.test('cells align per column; the last cell of a line is not padded', async (t) => {
  t.equal(run('NAME\tAGE\nnginx-long\t5m\n'), 'NAME         AGE\nnginx-long   5m\n');
  t.equal(run('a\tb\tc\n'), 'a     b     c\n', 'minimum width 6 includes padding');
});

t.test('a line without tabs ends the column block', async (t) => {
  const out = tabbed((w) => w.write('Name:\tx\nLabels:\ty\nContainers:\n  app:\n    Image:\tnginx\n    Port:\t80\n'));
  t.equal(out, 'Name:    x\nLabels:  y\nContainers:\n  app:\n    Image:  nginx\n    Port:   80\n');
});

t.test('widths are counted in code points, not bytes', async (t) => {
  t.equal(run('héllo\tx\nab\ty\n'), 'héllo   x\nab      y\n');
});

t.test('columns only span consecutive lines that have them', async (t) => {
  t.equal(tabbed((w) => w.write('a\tb\tc\naa\tbbbbbb\nx\ty\tz\n'), { minWidth: 0, tabWidth: 8, padding: 1 }), 'a  b c\naa bbbbbb\nx  y z\n');
});

t.test('RememberWidths keeps columns from narrowing across flushes (watch rows)', async (t) => {
  let out = '';
  const w = TabWriter.forTables((s) => (out += s));
  w.write('NAME\tREADY\nlong-pod-name\t1/1\n');
  w.flush();
  w.write('x\t0/1\n');
  w.flush();
  t.equal(out, 'NAME            READY\nlong-pod-name   1/1\nx               0/1\n');
  w.setRememberedWidths([]);
  out = '';
  w.write('x\t0/1\n');
  w.flush();
  t.equal(out, 'x     0/1\n', 'forgotten after setRememberedWidths([])');
});

t.test('text written without a final newline comes out at flush', async (t) => {
  let out = '';
  const w = new TabWriter((s) => (out += s), { minWidth: 0, tabWidth: 8, padding: 2 });
  w.write('a\tb\nrest');
  w.flush();
  t.equal(out, 'a  b\nrest');
});
