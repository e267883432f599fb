// Package vars holds Suricata's address and port variables ($HOME_NET,
// $HTTP_PORTS, ...), loads them from a file in suricata.yaml's `vars:`
// shape over built-in defaults, and resolves address and port expressions
// into canonical IR sets.
package vars
