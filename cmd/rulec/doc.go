// Command rulec compiles Suricata and ModSecurity rules and runs them.
//
//	rulec check PATH...     parse, resolve and check rules; print diagnostics
//	rulec run OBJ --pcap F  run a compiled object (or rule files) on a capture
//	rulec run OBJ --iface I attach to an interface: alert, block, reload, stats
//	rulec reload --iface I  make the live run on I load its rules again
//	rulec version           print the version
//
// Run "rulec help" for the flags of each command.
package main
