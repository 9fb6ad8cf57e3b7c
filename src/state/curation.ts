/**
 * Former home of the curation store. Drafts have one owner now: src/state/drafts (store,
 * persistence, edit and import sessions, distances, zones, publication, backups). This module
 * only re-exports it for code written against the old path; new code imports
 * '../state/drafts'.
 */
export * from './drafts';
