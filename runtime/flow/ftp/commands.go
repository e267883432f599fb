package ftp

import "bytes"

// Command is a command of Suricata's FTP command table, 0 for a line it
// does not know.
type Command uint8

// The commands whose handling differs; the others only name the
// transaction.
const (
	CmdPORT Command = iota + 1
	CmdEPRT
	CmdAUTHTLS
	CmdPASV
	CmdEPSV
	CmdRETR
	CmdSTOR
	CmdAPPE Command = 11
	CmdLIST Command = 18
	CmdMLSD Command = 23
	CmdNLST Command = 30
	CmdSTOU Command = 44
	// CmdUnknown is the table's UNKNOWN entry: a line with that word
	// starts a transaction whose command is unknown.
	CmdUnknown Command = 50
)

// commandNames is Suricata's FTP_COMMANDS table, in its order.
var commandNames = [...]string{"",
	"PORT", "EPRT", "AUTH_TLS", "PASV", "EPSV", "RETR", "STOR", "ABOR", "ACCT", "ALLO",
	"APPE", "CDUP", "CHMOD", "CWD", "DELE", "HELP", "IDLE", "LIST", "MAIL", "MDTM",
	"MKD", "MLFL", "MLSD", "MODE", "MRCP", "MRSQ", "MSAM", "MSND", "MSOM", "NLST",
	"NOOP", "PASS", "PWD", "QUIT", "REIN", "REST", "RMD", "RNFR", "RNTO", "SITE",
	"SIZE", "SMNT", "STAT", "STOU", "STRU", "SYST", "TYPE", "UMASK", "USER", "UNKNOWN",
}

// String is the command's name as the table spells it.
func (c Command) String() string {
	if int(c) < len(commandNames) {
		return commandNames[c]
	}
	return ""
}

// Known reports whether c names a command (not a line without one, nor
// the UNKNOWN entry): the ftp.* keywords only see such transactions.
func (c Command) Known() bool { return c != 0 && c != CmdUnknown }

// CommandByName returns the command named (upper case), 0 if none.
func CommandByName(name string) Command {
	for i, n := range commandNames {
		if i > 0 && n == name {
			return Command(i)
		}
	}
	return 0
}

// lookup finds a line's command as Suricata's multi-pattern search over
// the line does: a command name anywhere in it, in any case; of several,
// the one whose match ends first. upper is scratch space.
func lookup(line []byte, upper *[]byte) Command {
	u := append((*upper)[:0], line...)
	for i, c := range u {
		if 'a' <= c && c <= 'z' {
			u[i] = c - 'a' + 'A'
		}
	}
	*upper = u
	best, end := Command(0), len(u)+1
	for i := 1; i < len(commandNames); i++ {
		n := commandNames[i]
		if j := bytes.Index(u, []byte(n)); j >= 0 && j+len(n) < end {
			best, end = Command(i), j+len(n)
		}
	}
	return best
}
