package waf

import "strconv"

// The connection and the server.
func init() {
	scalarVar("REMOTE_ADDR", true, func(tx *Tx) (string, bool) { return tx.remoteAddr, true })
	scalarVar("REMOTE_HOST", true, func(tx *Tx) (string, bool) { return tx.remoteAddr, true })
	scalarVar("REMOTE_PORT", true, func(tx *Tx) (string, bool) { return strconv.Itoa(tx.remotePort), true })
	scalarVar("SERVER_ADDR", true, func(tx *Tx) (string, bool) { return tx.serverAddr, true })
	scalarVar("SERVER_PORT", true, func(tx *Tx) (string, bool) { return strconv.Itoa(tx.serverPort), true })
	scalarVar("SERVER_NAME", true, func(tx *Tx) (string, bool) {
		host, _ := tx.reqHeaders.get("host")
		if i := hostPort(host); i >= 0 {
			host = host[:i]
		}
		return host, true
	})
	for _, name := range []string{"REMOTE_USER", "AUTH_TYPE", "USERID", "SESSIONID", "WEBAPPID"} {
		scalarVar(name, true, func(*Tx) (string, bool) { return "", false })
	}
}

// hostPort returns the position of the ':' before a port in a Host value,
// or -1; a bracketed IPv6 address keeps its colons.
func hostPort(host string) int {
	for i := len(host) - 1; i >= 0; i-- {
		switch host[i] {
		case ':':
			return i
		case ']':
			return -1
		}
		if host[i] < '0' || host[i] > '9' {
			return -1
		}
	}
	return -1
}
