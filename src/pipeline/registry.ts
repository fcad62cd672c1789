import { InputError } from '../core/errors.ts';

/**
 * A registry of named implementations (training engines, pruning rules).
 * Registering a name twice throws; looking up an unknown name throws an
 * InputError that lists the known names. (tfjs-core's kernel registry works
 * the same way, so a typo can never silently select a default.)
 */
export class Registry<T extends { name: string }> {
  private readonly items = new Map<string, T>();

  constructor(private readonly kind: string) {}

  register(item: T): void {
    if (this.items.has(item.name)) throw new Error(`${this.kind} '${item.name}' is already registered`);
    this.items.set(item.name, item);
  }

  get(name: string, where: string): T {
    const item = this.items.get(name);
    if (!item) {
      throw new InputError(where, `unknown ${this.kind} '${name}'; known: ${this.names().join(', ')}, or a path to your own module (./my-${this.kind.replace(/ /g, '-')}.ts)`);
    }
    return item;
  }

  has(name: string): boolean {
    return this.items.has(name);
  }

  names(): string[] {
    return [...this.items.keys()].sort();
  }
}
