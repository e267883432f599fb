// Package kwstatus says, for every Suricata 8 keyword and every keyword
// rulec registers, where it runs in rulec or why it does not. A
// registered keyword's status is computed, not kept: a minimal rule using
// it is compiled and lowered, and the tier compiler/lower decides for it
// is the keyword's ("meta" when the keyword leaves detection unchanged).
// Only the reasons of unsupported keywords are written by hand.
package kwstatus
