import { InputError } from '../src/core/errors.ts';

/**
 * Splits a command line into words the way a POSIX shell would, without
 * expanding anything: blanks separate words, '...' keeps everything
 * literally, "..." keeps everything but \" and \\, a backslash outside
 * quotes escapes the next character. An unclosed quote or an empty command
 * is an InputError naming --command.
 */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" || c === '"') {
      const end = closing(line, i, c);
      const body = line.slice(i + 1, end);
      word += c === '"' ? body.replace(/\\(["\\])/g, '$1') : body;
      inWord = true;
      i = end;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  if (!words.length) throw new InputError('--command', 'empty command; give the program and its arguments, e.g. --command "python3 train.py"');
  return words;
}

function closing(line: string, open: number, quote: string): number {
  for (let j = open + 1; j < line.length; j++) {
    if (quote === '"' && line[j] === '\\') j++;
    else if (line[j] === quote) return j;
  }
  throw new InputError('--command', `unclosed ${quote} in ${JSON.stringify(line)}; close the quote`);
}
