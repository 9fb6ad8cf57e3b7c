/** Publication packages (CNIG « Sites économiques »): read, validate, merge, write. Pure; Node and browser. */
export * from './types';
export { validatePackage, packageHasErrors, classOfFile, PUBLICATION_FILE, PUBLICATION_SCHEMA, GEOMETRY_FIELD } from './validate';
export { crossPackageIssues, matchRegisterZone } from './merge';
export { publishedToAtlas, publicationInfo, officialValues, type PublishedAtlas, type PackageSummary } from './toAtlas';
export { buildPackage, zipPackage, packageFolderName, type WrittenPackage } from './write';
