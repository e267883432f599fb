package pop3

import "github.com/rulec/rulec/runtime/flow/pending"

// Tx is one transaction: a command and the response to it, or a
// response no command preceded (the greeting).
type Tx struct {
	ID       uint64 // Suricata's tx_id: from 0 in the flow
	Request  *Command
	Response *Response
	// Complete: the transaction is done both ways (its response came,
	// its RETR body was skipped, or too many transactions closed it).
	Complete bool
	// Events are the app-layer events raised on the transaction, by
	// their rule names ("pop3.unknown_command").
	Events []string
}

// Events are the app-layer events of Suricata 8's POP3 parser, by rule
// name.
var Events = []string{
	"pop3.too_many_transactions", "pop3.request_too_long", "pop3.incorrect_argument_count",
	"pop3.unknown_command", "pop3.response_too_long",
}

func (tx *Tx) event(name string) {
	tx.Events = pending.Event(tx.Events, name)
}

// flagEvents raises the events of a message's error flags.
func (tx *Tx) flagEvents(flags uint8) {
	for i, name := range []string{"pop3.request_too_long", "pop3.incorrect_argument_count", "pop3.unknown_command", "pop3.response_too_long"} {
		if flags&(1<<i) != 0 {
			tx.event(name)
		}
	}
}

// size is what the transaction holds, for the stream memcap.
func (tx *Tx) size() int {
	n := 0
	if c := tx.Request; c != nil {
		n += len(c.Name)
		for _, a := range c.Args {
			n += len(a)
		}
	}
	if r := tx.Response; r != nil {
		n += len(r.Header)
		for _, d := range r.Data {
			n += len(d)
		}
	}
	return n
}
