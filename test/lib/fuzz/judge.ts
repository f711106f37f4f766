// Whether the server's answer to a fuzz request is right: no 5xx ever, every refusal a 4xx
// carrying a well-formed Status whose code is the HTTP status, every valid request a 2xx.
import type { Reply } from '../https-client.js';
import type { FuzzRequest } from './request.js';

/** judge returns what is wrong with reply, or undefined when it is right. */
export function judge(req: FuzzRequest, reply: Reply): string | undefined {
  const { status } = reply;
  if (status >= 500) return `server error ${status}`;
  if (status >= 200 && status < 300) {
    if (req.expect === 'reject') return `accepted (${status}) a request that must be refused`;
    return wellFormedJson(reply.text) ? undefined : `a ${status} whose body is not JSON`;
  }
  if (status < 400) return `unexpected status ${status}`;
  if (req.expect === 'accept') return `refused (${status}) a valid request`;
  if (req.codes && !req.codes.includes(status)) return `status ${status}, expected one of ${req.codes.join(', ')}`;
  return statusProblem(reply.text, status);
}

/** statusProblem checks that text is a metav1.Status for a failure with code. */
export function statusProblem(text: string, code: number): string | undefined {
  let s: Record<string, unknown>;
  try {
    s = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `a ${code} whose body is not JSON`;
  }
  if (typeof s !== 'object' || s === null) return `a ${code} whose body is not an object`;
  if (s['kind'] !== 'Status' || s['apiVersion'] !== 'v1') return `a ${code} whose body is not a v1 Status`;
  if (s['status'] !== 'Failure') return `a ${code} Status with status ${String(s['status'])}`;
  if (typeof s['reason'] !== 'string' || s['reason'] === '') return `a ${code} Status without a reason`;
  if (s['code'] !== code) return `a ${code} Status with code ${String(s['code'])}`;
  if (typeof s['message'] !== 'string') return `a ${code} Status without a message`;
  return undefined;
}

// Watches answer newline-delimited JSON events; everything else one JSON document.
function wellFormedJson(text: string): boolean {
  if (text === '') return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return text.split('\n').filter((l) => l !== '').every((l) => {
      try {
        return typeof (JSON.parse(l) as { type?: unknown }).type === 'string';
      } catch {
        return false;
      }
    });
  }
}
