// A set of numbered slots (ClusterIPs, NodePorts, pod CIDRs) handed out at random and released on
// delete, never twice. The set is rebuilt from the stored objects at start-up, so the store stays
// the only truth.

/** SlotAllocator hands out integers in [first, last] except reserved ones. */
export class SlotAllocator {
  private readonly used = new Set<number>();

  constructor(
    readonly first: number,
    readonly last: number,
    private readonly reserved: ReadonlySet<number> = new Set(),
  ) {}

  /** allocateNext takes a free slot (random start, then linear: cheap even when nearly full). */
  allocateNext(): number | undefined {
    const span = this.last - this.first + 1;
    const start = Math.floor(Math.random() * span);
    for (let i = 0; i < span; i++) {
      const slot = this.first + ((start + i) % span);
      if (!this.used.has(slot) && !this.reserved.has(slot)) {
        this.used.add(slot);
        return slot;
      }
    }
    return undefined;
  }

  /** allocate takes a specific slot; false when it is out of range, reserved or taken. */
  allocate(slot: number, allowReserved = false): boolean {
    // Slots come from stored objects, whose fields may hold anything a client once sent.
    if (!Number.isSafeInteger(slot)) return false;
    if (slot < this.first || slot > this.last || this.used.has(slot)) return false;
    if (this.reserved.has(slot) && !allowReserved) return false;
    this.used.add(slot);
    return true;
  }

  /** has tells whether slot is taken. */
  has(slot: number): boolean {
    return this.used.has(slot);
  }

  /** release frees a slot. */
  release(slot: number): void {
    this.used.delete(slot);
  }

  /** free counts the slots left. */
  free(): number {
    return this.last - this.first + 1 - this.used.size - [...this.reserved].filter((r) => !this.used.has(r)).length;
  }
}
