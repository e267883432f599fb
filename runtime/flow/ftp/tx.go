package ftp

import "github.com/rulec/rulec/runtime/flow/pending"

// Reply is one line of a server's reply.
type Reply struct {
	// Code is the line's 3-digit completion code when the line starts
	// with one and a space, else empty (continuation lines, "230-...").
	Code []byte
	// Text is the line after the code and its space (the whole line
	// without a code), trailing blanks dropped.
	Text []byte
	// Truncated: the line was cut at the line limit.
	Truncated bool
}

// Tx is one transaction: a command and the replies to it, or replies
// no command preceded.
type Tx struct {
	ID      uint64 // Suricata's tx_id: from 0 in the flow
	Command Command
	// Request is the command line, trailing blanks dropped; nil for a
	// transaction of replies only.
	Request          []byte
	RequestTruncated bool
	Replies          []Reply
	// DynPort is the dynamic port the reply to this PORT, EPRT, PASV or
	// EPSV set, 0 if none; Active is the mode it set.
	DynPort uint16
	Active  bool
	// Done: a reply other than a 1yz preliminary one came.
	Done bool
	// Events are the app-layer events raised on the transaction, by
	// their rule names ("ftp.request_command_too_long").
	Events []string
}

// Events are the app-layer events of Suricata 8's FTP parser, by rule
// name.
var Events = []string{
	"ftp.request_command_too_long", "ftp.response_command_too_long", "ftp.too_many_transactions",
	"ftp.file_before_port", "ftp.file_without_name",
}

func (tx *Tx) event(name string) {
	tx.Events = pending.Event(tx.Events, "ftp."+name)
}

// CommandData is the command line after the command's name and the one
// byte following it (Suricata assumes a space there), as the EVE record
// has it; ok is false when the line is no longer than the name.
func (tx *Tx) CommandData() (data []byte, ok bool) {
	n := len(tx.Command.String())
	if !tx.Command.Known() || len(tx.Request) <= n {
		return nil, false
	}
	return tx.Request[n+1:], true
}

// CommandDataBuffer is the ftp.command_data buffer: CommandData with the
// terminating NUL byte Suricata's buffer keeps, nil when there is none.
func (tx *Tx) CommandDataBuffer() []byte {
	d, ok := tx.CommandData()
	if !ok {
		return nil
	}
	return d[:len(d)+1]
}

// size is what the transaction holds, for the stream memcap.
func (tx *Tx) size() int {
	n := cap(tx.Request)
	for _, r := range tx.Replies {
		n += len(r.Code) + len(r.Text)
	}
	return n
}
