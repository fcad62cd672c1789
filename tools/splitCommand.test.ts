import { describe, expect, it } from 'vitest';
import { InputError } from '../src/core/errors.ts';
import { splitCommand } from './splitCommand.ts';

describe('splitCommand', () => {
  it('splits on blanks and keeps quoted words whole, as sh would', () => {
    expect(splitCommand('python3 examples/python-engine/train.py')).toEqual(['python3', 'examples/python-engine/train.py']);
    const line = `  julia  'my dir/train.jl'  --lr="0.1 x" a\\ b "q\\"uote" '' `;
    expect(splitCommand(line)).toEqual(['julia', 'my dir/train.jl', '--lr=0.1 x', 'a b', 'q"uote', '']);
  });

  it('refuses an empty command and an unclosed quote', () => {
    expect(() => splitCommand('   ')).toThrow(InputError);
    expect(() => splitCommand('python3 "train.py')).toThrow(/unclosed " /);
  });
});
