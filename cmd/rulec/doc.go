// Command rulec compiles Suricata and ModSecurity rules and runs them.
//
//	rulec check PATH...     parse, resolve and check rules; print diagnostics
//	rulec version           print the version
//
// Run "rulec help" for the flags of each command.
package main
