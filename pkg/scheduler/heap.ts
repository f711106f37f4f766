// A binary heap keyed by string, so an item can be found, updated or removed in O(log n): the
// scheduling queue's active and backoff queues both need that when pods change or go away.

/** KeyedHeap orders items by less(); each key is in it at most once. */
export class KeyedHeap<T> {
  private readonly items: T[] = [];
  private readonly pos = new Map<string, number>();

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.pos.has(key);
  }

  get(key: string): T | undefined {
    const i = this.pos.get(key);
    return i === undefined ? undefined : this.items[i];
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** push adds item, or replaces and re-sorts the item with the same key. */
  push(item: T): void {
    const key = this.keyOf(item);
    const i = this.pos.get(key);
    if (i !== undefined) {
      this.items[i] = item;
      this.fix(i);
      return;
    }
    this.items.push(item);
    this.pos.set(key, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    if (this.items.length === 0) return undefined;
    return this.removeAt(0);
  }

  delete(key: string): T | undefined {
    const i = this.pos.get(key);
    return i === undefined ? undefined : this.removeAt(i);
  }

  /** values lists the items in no particular order. */
  values(): T[] {
    return [...this.items];
  }

  private removeAt(i: number): T {
    const item = this.items[i] as T;
    const last = this.items.pop() as T;
    this.pos.delete(this.keyOf(item));
    if (i < this.items.length) {
      this.items[i] = last;
      this.pos.set(this.keyOf(last), i);
      this.fix(i);
    }
    return item;
  }

  private fix(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i] as T;
    const b = this.items[j] as T;
    this.items[i] = b;
    this.items[j] = a;
    this.pos.set(this.keyOf(b), i);
    this.pos.set(this.keyOf(a), j);
  }

  private up(i: number): boolean {
    const start = i;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(this.items[i] as T, this.items[p] as T)) break;
      this.swap(i, p);
      i = p;
    }
    return i !== start;
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(this.items[l] as T, this.items[m] as T)) m = l;
      if (r < n && this.less(this.items[r] as T, this.items[m] as T)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
