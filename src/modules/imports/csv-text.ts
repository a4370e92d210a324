import { AppError } from "../../http/errors.ts";
import { importWords } from "./words.ts";

/**
 * The text of a CSV file from its bytes. A file that is not UTF-8 (a Latin-1 export, say) is
 * refused with the first line that is not, rather than read with replacement characters; so is a
 * control character other than tab, carriage return and newline, which no field may hold.
 */
export function decodeCsvText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("validation", importWords.notUtf8, [{ field: `line ${firstLineNotUtf8(bytes)}: file`, message: importWords.notUtf8 }]);
  }
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.exec(text);
  if (control) {
    const line = text.slice(0, control.index).split("\n").length;
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    throw new AppError("validation", importWords.controlCharacter(code), [{ field: `line ${line}: file`, message: importWords.controlCharacter(code) }]);
  }
  return text;
}

/** The number of the first line that is not valid UTF-8 (a newline byte never occurs inside a UTF-8 character). */
function firstLineNotUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    try {
      decoder.decode(bytes.subarray(start, end === -1 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end === -1) {
      return line;
    }
    start = end + 1;
  }
}
