package bpf

// ELF returns the classifier object compiled into this binary; compiled
// rule objects record it so a stale object can be refused.
func ELF() []byte { return _RulecBytes }
