package ftp

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Transfer is an ftp-data connection a transfer command announced: the
// connection to its Port (the server's port of the data connection),
// between the control connection's hosts, carries the command's data.
type Transfer struct {
	Command Command
	Port    uint16
	// ToClient: the data goes from the data connection's server to its
	// client (a passive RETR, NLST, LIST or MLSD, an active STOR, APPE or
	// STOU), else from its client.
	ToClient bool
	// File is the file name the command gives (STOR, RETR, APPE, STOU;
	// "<stou>" for a STOU without one), nil for listings.
	File []byte
}

// Parser parses one FTP control connection. Bytes it keeps are copies.
type Parser struct {
	cfg   Config
	lines [2]lines // by direction: 0 to server, 1 to client
	txs   []*Tx    // the transactions not yet released, oldest first
	seq   uint64
	// command is the last command seen (Suricata's state->command), 0
	// after a line without one.
	command  Command
	portLine []byte // the last PORT or EPRT line
	dynPort  uint16
	active   bool
	upper    []byte
	changed  []*Tx
	// Transfers are the ftp-data connections announced by the data fed
	// last.
	Transfers []Transfer
	// Truncated counts what the bounds cut: long lines, reply lines past
	// a transaction's bound, transactions past MaxTx.
	Truncated uint64
	// Failed: parsing stopped (too many transactions), as Suricata's
	// parser errors out.
	Failed bool
	// TLS: an AUTH_TLS command was accepted (234): the rest is TLS.
	TLS bool
}

// NewParser returns a parser with cfg's bounds (DefaultConfig's for
// zero ones).
func NewParser(cfg Config) *Parser {
	def := DefaultConfig()
	if cfg.MaxTx <= 0 {
		cfg.MaxTx = def.MaxTx
	}
	if cfg.MaxLine <= 0 {
		cfg.MaxLine = def.MaxLine
	}
	return &Parser{cfg: cfg}
}

// Feed parses one direction's data and returns the transactions it
// created or gave a reply line, in order; the slice is reused by the
// next call. Transfers holds the connections it announced.
func (p *Parser) Feed(toServer bool, b []byte) []*Tx {
	p.changed, p.Transfers = p.changed[:0], p.Transfers[:0]
	if p.Failed || p.TLS {
		return nil
	}
	if toServer {
		p.lines[0].feed(b, p.cfg.MaxLine, p.request)
	} else {
		p.lines[1].feed(b, p.cfg.MaxLine, p.reply)
	}
	return p.changed
}

// Gap notes bytes of a direction lost: the partial line is dropped.
func (p *Parser) Gap(toServer bool) {
	d := 1
	if toServer {
		d = 0
	}
	p.lines[d] = lines{}
}

// Release forgets a transaction the caller is done with (inspected and
// logged): a reply coming when every transaction is complete then makes
// a transaction of its own rather than joining it.
func (p *Parser) Release(tx *Tx) {
	for i, t := range p.txs {
		if t == tx {
			p.txs = append(p.txs[:i], p.txs[i+1:]...)
			return
		}
	}
}

// Open returns the transactions not released yet, oldest first.
func (p *Parser) Open() []*Tx { return p.txs }

// Held is the bytes the parser keeps, for the stream memcap.
func (p *Parser) Held() int {
	n := p.lines[0].held() + p.lines[1].held() + cap(p.portLine)
	for _, tx := range p.txs {
		n += tx.size()
	}
	return n
}

func (p *Parser) newTx() *Tx {
	if len(p.txs) > 0 && p.seq-p.txs[0].ID > uint64(p.cfg.MaxTx) {
		for _, tx := range p.txs {
			if !tx.Done {
				tx.Done = true
				tx.event("too_many_transactions")
				p.mark(tx)
				break
			}
		}
		p.Truncated++
		p.Failed = true
		return nil
	}
	tx := &Tx{ID: p.seq}
	p.seq++
	p.txs = append(p.txs, tx)
	return tx
}

func (p *Parser) mark(tx *Tx) {
	for _, t := range p.changed {
		if t == tx {
			return
		}
	}
	p.changed = append(p.changed, tx)
}

// request handles a command line.
func (p *Parser) request(line []byte, lf, cut bool) bool {
	if p.Failed {
		return true
	}
	if cut {
		p.Truncated++
	}
	cmd := lookup(line, &p.upper)
	if cmd == 0 {
		p.command = 0
		return false
	}
	p.command = cmd
	tx := p.newTx()
	if tx == nil {
		return true
	}
	tx.Command = cmd
	trimmed := bytes.TrimRightFunc(line, func(r rune) bool { return r < utf8.RuneSelf && unicode.IsSpace(r) })
	tx.Request = append(make([]byte, 0, len(trimmed)+1), trimmed...)
	tx.Request = append(tx.Request, 0)[:len(trimmed)]
	tx.RequestTruncated = cut
	if cut {
		tx.event("request_command_too_long")
	}
	p.mark(tx)
	p.transferCommand(tx, cmd, trimmed)
	return true
}

// transferCommand keeps the PORT and EPRT lines and announces the data
// connection of a transfer command (line: trailing blanks dropped).
func (p *Parser) transferCommand(tx *Tx, cmd Command, line []byte) {
	toClient := p.active && (cmd == CmdSTOR || cmd == CmdAPPE || cmd == CmdSTOU) ||
		!p.active && (cmd == CmdRETR || cmd == CmdNLST || cmd == CmdLIST || cmd == CmdMLSD)
	hasFile := false
	switch cmd {
	case CmdPORT, CmdEPRT:
		p.portLine = append(p.portLine[:0], line...)
		return
	case CmdRETR, CmdSTOR, CmdAPPE:
		if len(line) < 6 {
			tx.event("file_without_name")
			return
		}
		hasFile = true
	case CmdSTOU:
		hasFile = len(line) >= 6
	case CmdNLST, CmdLIST, CmdMLSD:
	default:
		return
	}
	if p.dynPort == 0 {
		tx.event("file_before_port")
		return
	}
	t := Transfer{Command: cmd, Port: p.dynPort, ToClient: toClient}
	switch {
	case hasFile:
		t.File = bytes.Clone(line[5 : 5+min(maxFileName, len(line)-5)])
	case cmd == CmdSTOU:
		t.File = []byte("<stou>")
	}
	p.Transfers = append(p.Transfers, t)
	p.dynPort, p.active = 0, false
}

// reply handles a reply line.
func (p *Parser) reply(line []byte, lf, cut bool) bool {
	if p.Failed {
		return true
	}
	if cut {
		p.Truncated++
	}
	tx := p.replyTx()
	if tx == nil {
		return true
	}
	p.mark(tx)
	if !p.command.Known() {
		// Suricata marks the transaction a reply after an unknown
		// command joins as one of an unknown command
		tx.Command = 0
	}
	if !p.replyPort(tx, line) {
		tx.Done = true
		return true
	}
	if r, ok := parseReply(line); ok {
		r.Truncated = cut
		if cut {
			tx.event("response_command_too_long")
		}
		if len(tx.Replies) < maxReplies {
			tx.Replies = append(tx.Replies, r)
		} else {
			p.Truncated++
		}
	}
	if !preliminary(line) {
		tx.Done = true
	}
	return true
}

// replyTx is the transaction a reply line joins: the oldest open one,
// else the newest, else a new one.
func (p *Parser) replyTx() *Tx {
	for _, tx := range p.txs {
		if !tx.Done {
			return tx
		}
	}
	if n := len(p.txs); n > 0 {
		return p.txs[n-1]
	}
	return p.newTx()
}

// replyPort applies a reply to the last command's mode: the dynamic
// port of PORT, EPRT (false when their line does not parse: the reply
// then only completes the transaction), PASV and EPSV; AUTH_TLS accepted.
func (p *Parser) replyPort(tx *Tx, line []byte) bool {
	var port uint16
	active := false
	switch p.command {
	case CmdAUTHTLS:
		p.TLS = p.TLS || bytes.HasPrefix(line, []byte("234 "))
		return true
	case CmdEPRT:
		if port = portFromEPRT(p.portLine); port == 0 {
			return false
		}
		active = true
	case CmdPORT:
		if port = portFromPORT(p.portLine); port == 0 {
			return false
		}
		active = true
	case CmdPASV:
		if bytes.HasPrefix(line, []byte("227 ")) {
			port = portFromPASV(line)
		}
	case CmdEPSV:
		if bytes.HasPrefix(line, []byte("229 ")) {
			port = portFromEPSV(line)
		}
	}
	if port != 0 {
		p.dynPort, p.active = port, active
		tx.DynPort, tx.Active = port, active
	}
	return true
}

// parseReply splits a reply line into its code and text as Suricata's
// parse_response_line: false for a blank line.
func parseReply(line []byte) (Reply, bool) {
	s := string(line)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if s == "" {
		return Reply{}, false
	}
	if code, text, ok := strings.Cut(s, " "); ok && len(code) == 3 && isDigits(code) {
		return Reply{Code: []byte(code), Text: []byte(text)}, true
	}
	return Reply{Text: []byte(s)}, true
}

func isDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// preliminary reports whether a reply line is a positive preliminary
// one ("1yz "), which keeps its transaction open.
func preliminary(line []byte) bool {
	return len(line) >= 4 && line[0] == '1' && isDigit(line[1]) && isDigit(line[2]) && isSpace(line[3])
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}
