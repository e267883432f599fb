package smtp

import (
	"github.com/rulec/rulec/runtime/filehash"
	"github.com/rulec/rulec/runtime/flow/pending"
)

// File is an attachment of a mail.
type File struct {
	Name []byte
	Size uint64 // decoded bytes, all of them
	// Data is the file's first Config.FileLimit bytes.
	Data   []byte
	Closed bool
	// Sums are the digests of all of its decoded bytes (Config.FileHashes),
	// set when it closes.
	Sums filehash.Sums
	hash *filehash.Hasher
}

// close ends the file complete, with its digests.
func (f *File) close() {
	f.Closed, f.Sums, f.hash = true, f.hash.Sums(), nil
}

// Tx is one SMTP transaction: a mail from its first command to its end
// (the reply to the mail's data, an RSET's 250, STARTTLS).
type Tx struct {
	ID       uint64 // Suricata's tx_id: from 0 in the flow
	MailFrom []byte
	RcptTo   [][]byte
	// Done: the client's side is complete (the mail's data ended, RSET
	// or QUIT answered, STARTTLS accepted); Replied: the server's side is
	// (its reply to the data, RSET, QUIT or STARTTLS), as Suricata 8.0.7's
	// request and response progress.
	Done, Replied bool
	isData        bool
	// Mime is the mail's MIME state once DATA was sent (with MIME
	// decoding on), else nil.
	Mime  *Mime
	Files []*File
	// Events are the app-layer events raised on the transaction, by
	// their rule names ("smtp.invalid_reply").
	Events  []string
	hasFrom bool
}

// Events are the app-layer events of Suricata 8's SMTP parser, by rule
// name. unable_to_match_reply_with_request, max_reply_line_len_exceeded
// and mime_parse_failed are never raised (nor by Suricata), and
// max_command_line_len_exceeded needs a parameter past 65,535 bytes,
// which the line limit cuts.
var Events = []string{
	"smtp.invalid_reply", "smtp.unable_to_match_reply_with_request", "smtp.max_command_line_len_exceeded",
	"smtp.max_reply_line_len_exceeded", "smtp.invalid_pipelined_sequence", "smtp.bdat_chunk_len_exceeded",
	"smtp.no_server_welcome_message", "smtp.tls_rejected", "smtp.data_command_rejected",
	"smtp.mime_parse_failed", "smtp.mime_invalid_base64", "smtp.mime_invalid_qp", "smtp.mime_long_line",
	"smtp.mime_long_enc_line", "smtp.mime_long_header_name", "smtp.mime_long_header_value",
	"smtp.mime_long_boundary", "smtp.mime_long_filename", "smtp.duplicate_fields", "smtp.unparsable_content",
	"smtp.truncated_line",
}

func (tx *Tx) event(name string) {
	tx.Events = pending.Event(tx.Events, "smtp."+name)
}

// openFile returns the attachment being written, nil when none is open.
func (tx *Tx) openFile() *File {
	if n := len(tx.Files); n > 0 && !tx.Files[n-1].Closed {
		return tx.Files[n-1]
	}
	return nil
}
