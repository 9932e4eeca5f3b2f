export { compare } from './compare.js';
export { applyDefaultAnswers, defaultQuestions, type DefaultAnswer, type DefaultQuestion } from './equivalent-defaults.js';
export { DEFAULT_RULES, fails, type CompareRules, type Comparison, type Difference, type ObjectKind, type RuleLevel } from './types.js';
export { textReport, type ReportLabels } from './report-text.js';
export { markdownReport } from './report-markdown.js';
export { jsonReport, REPORT_FORMAT_VERSION } from './report-json.js';
