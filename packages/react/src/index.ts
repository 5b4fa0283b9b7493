// The drop-in component
export { PASSIDVerify } from './PASSIDVerify.js';
export type { PASSIDVerifyProps } from './PASSIDVerify.js';

// The headless hook
export { usePassidVerify } from './usePassidVerify.js';
export type { UsePassidVerifyOptions, UsePassidVerifyResult } from './usePassidVerify.js';

// Presentational pieces
export { QrCanvas } from './pieces/QrCanvas.js';
export type { QrCanvasProps } from './pieces/QrCanvas.js';
export { Countdown } from './pieces/Countdown.js';
export type { CountdownProps } from './pieces/Countdown.js';
export { VerificationCode } from './pieces/VerificationCode.js';
export type { VerificationCodeProps } from './pieces/VerificationCode.js';
export { ClaimsSummary } from './pieces/ClaimsSummary.js';
export type { ClaimsSummaryProps } from './pieces/ClaimsSummary.js';
export { ScoreBadge } from './pieces/ScoreBadge.js';
export type { ScoreBadgeProps } from './pieces/ScoreBadge.js';
export { TokenForm } from './TokenForm.js';
export type { TokenFormProps } from './TokenForm.js';

// Styles and theme
export { PassidStyles } from './PassidStyles.js';
export { STYLESHEET } from './styles.js';
export { textOn } from './theme.js';
export type { PassidTheme } from './theme.js';

// Re-exported from @passid/core for convenience
export type { Claims, Permission, VerifyState, VerifyView, VerifyEvent, MessageOverrides } from '@passid/core';
