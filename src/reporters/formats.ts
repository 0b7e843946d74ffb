/**
 * The report formats by name, each with the file it writes: all that help texts, --reporter's
 * choices and console lines need. Kept apart from the reporters so that a command which writes no
 * report (one check printing to the console) never loads them (HTML, charts, XML: start-up time);
 * the registry refuses reporters that disagree with this list.
 */
export const REPORT_FORMATS: Readonly<Record<string, string>> = {
  json: 'nncheck.json',
  markdown: 'nncheck.md',
  junit: 'junit.xml',
  html: 'nncheck.html',
  csv: 'nncheck.csv',
  github: 'github-annotations.txt',
};

/** The formats' names, as --reporter takes them. */
export const REPORT_NAMES: string[] = Object.keys(REPORT_FORMATS);

/** The report set's file names, as help texts and console lines list them. */
export const REPORT_FILES: string = Object.values(REPORT_FORMATS).join(', ');
