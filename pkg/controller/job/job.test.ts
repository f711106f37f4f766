// Job bookkeeping without an API.
import t from 'tap';
import type { Pod } from '../base/types.js';
import { failure, isComplete, isFinished, wantActive, type Job } from './status.js';

const job = (spec: Partial<Job['spec']>, status: Job['status'] = {}): Job => ({ metadata: { name: 'j' }, spec: { template: { spec: { containers: [], restartPolicy: 'Never' } }, ...spec }, status });

t.test('how many pods should run', async (t) => {
  t.equal(wantActive(job({ completions: 5, parallelism: 2 }), 0, 0), 2);
  t.equal(wantActive(job({ completions: 5, parallelism: 2 }), 2, 4), 1, 'never more than the completions left');
  t.equal(wantActive(job({ completions: 5, parallelism: 2 }), 0, 5), 0);
  t.equal(wantActive(job({ completions: null, parallelism: 3 }), 0, 0), 3, 'work queue: parallelism until a success');
  t.equal(wantActive(job({ completions: null, parallelism: 3 }), 2, 1), 2, 'then whatever still runs');
  t.equal(wantActive(job({ completions: 5, parallelism: 2, suspend: true }), 2, 0), 0, 'suspended');
});

t.test('failure and completion', async (t) => {
  t.equal(failure(job({ backoffLimit: 2 }), [], 2), undefined);
  t.same(failure(job({ backoffLimit: 2 }), [], 3), { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
  const restarting: Pod = { metadata: {}, spec: { containers: [] }, status: { containerStatuses: [{ name: 'c', restartCount: 3 }] } };
  const onFailure = job({ backoffLimit: 2, template: { spec: { containers: [], restartPolicy: 'OnFailure' } } });
  t.equal(failure(onFailure, [restarting], 0)?.reason, 'BackoffLimitExceeded', 'OnFailure restarts count');
  const started = '2024-01-01T00:00:00Z';
  t.equal(failure(job({ activeDeadlineSeconds: 10 }, { startTime: started }), [], 0, Date.parse(started) + 10_000)?.reason, 'DeadlineExceeded');
  t.ok(isComplete(job({ completions: 3 }), 3, 0));
  t.notOk(isComplete(job({ completions: 3 }), 2, 1));
  t.ok(isComplete(job({ completions: null }), 1, 0));
  t.notOk(isComplete(job({ completions: null }), 1, 1));
  t.ok(isFinished(job({}, { conditions: [{ type: 'Failed', status: 'True' }] })));
  t.notOk(isFinished(job({}, { conditions: [{ type: 'Suspended', status: 'True' }] })));
});
