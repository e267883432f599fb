// Package codegen turns IR into artefacts: the kernel classifier's tables
// (codegen/kernel), the userspace program, and the compiled object that
// carries both (codegen/object). Everything it writes is deterministic: the
// same rules give the same bytes.
package codegen
