// Package compiler turns rule files of either language into one IR rule
// set: it dispatches files to the language front ends (Suricata .rules,
// SecLang .conf), resolves variables, runs the set-wide checks (duplicate
// ids) and reports every diagnostic with its position.
package compiler
