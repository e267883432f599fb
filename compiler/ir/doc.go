// Package ir is the intermediate representation shared by every rule
// language rulec reads. A Rule carries its origin, action, metadata, a
// resolved header (protocol, address and port sets), flow constraints,
// stateful bits, thresholds and an ordered list of matchers, each bound to
// an inspection buffer. SecLang rules also carry Rule.Sec: their phase,
// chain parts (targets, operator, transformations, actions) and markers.
// The IR holds values only: no syntax, no kernel.
package ir
