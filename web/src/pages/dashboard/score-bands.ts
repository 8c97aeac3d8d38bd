/** The map's score bands (legend and marker colours), worst last. */
export const SCORE_BANDS = [
  { key: 'pass', label: '达标', color: '#2fc26b' },
  { key: 'near', label: '未达标（得分率≥75%）', color: '#f5a623' },
  { key: 'fail', label: '未达标（得分率<75%）', color: '#f0483e' },
  { key: 'none', label: '未测评', color: '#8a99b3' },
] as const;
