// Package corpus locates the shared test corpora (../shared/corpus beside
// the project) for tests and benchmarks. A missing corpus skips the test
// with a message on a developer's machine and fails it under CI=true.
package corpus
