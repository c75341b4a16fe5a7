/** Reading calendar override files for the command line (size-limited; bad input → InputError). */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { MAX_CALENDAR_FILE_BYTES, defaultCalendar, parseCalendarOverrides, type WorkCalendar } from './calendar.js';

export async function loadCalendar(files: string[] = []): Promise<WorkCalendar> {
  const years = [];
  for (const file of files) {
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      throw new InputError(file, '无法读取日历数据文件');
    }
    if (size > MAX_CALENDAR_FILE_BYTES) throw new InputError(file, `日历数据文件超过 ${MAX_CALENDAR_FILE_BYTES} 字节`);
    const text = await readFile(file, 'utf8');
    try {
      years.push(...parseCalendarOverrides(text));
    } catch (e) {
      throw new InputError(file, (e as Error).message);
    }
  }
  return defaultCalendar(years);
}
