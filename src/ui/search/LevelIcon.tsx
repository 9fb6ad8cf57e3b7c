/**
 * Readiness level icons: each level has its own shape (check, half disc, hatched square,
 * question mark), so the level reads without colour. Always shown beside the text label.
 */
import type { ReadinessLevel } from '../../domain/types';

export function LevelIcon({ level, size = 14 }: { level: ReadinessLevel; size?: number }) {
  const common = { width: size, height: size, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false, className: `level-icon level-${level}` } as const;
  switch (level) {
    case 'cle_en_main':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="7.5" fill="#1f6b2e" />
          <path d="M4.2 8.3l2.4 2.4 5-5" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'a_preparer':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.8" fill="#fff" stroke="#0b4f8a" strokeWidth="1.5" />
          <path d="M8 1.2a6.8 6.8 0 0 1 0 13.6z" fill="#0b4f8a" />
        </svg>
      );
    case 'a_rehabiliter':
      return (
        <svg {...common}>
          <rect x="1" y="1" width="14" height="14" rx="1.5" fill="#fff" stroke="#7a4a00" strokeWidth="1.5" />
          <path d="M1.5 6.5l5-5M1.5 11.5l10-10M4.5 14.5l10-10M9.5 14.5l5-5" stroke="#7a4a00" strokeWidth="1.6" />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.8" fill="#fff" stroke="#4a4f57" strokeWidth="1.3" strokeDasharray="2.2 1.6" />
          <text x="8" y="11.6" textAnchor="middle" fontSize="10" fontWeight="700" fill="#4a4f57">
            ?
          </text>
        </svg>
      );
  }
}
