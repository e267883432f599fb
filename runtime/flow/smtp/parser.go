package smtp

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/rulec/rulec/runtime/filehash"
)

// Commands as Suricata's parser tells them apart, queued to be matched
// with the server's replies.
const (
	cmdStartTLS = iota + 1
	cmdData
	cmdBDAT
	cmdDataMode // the mail's data, answered once the "." line is sent
	cmdOther
	cmdRSET
	cmdQuit
)

// Parser state flags (SMTP_PARSER_STATE_*).
const (
	stDataMode   = 0x01
	stFirstReply = 0x04
	stMultiline  = 0x08
	stPipelining = 0x10
)

const (
	// lineLimit is Suricata's SMTP_LINE_BUFFER_LIMIT: a longer line is cut
	// there and the rest of the input dropped.
	lineLimit = 4096
	// maxCmds bounds the commands awaiting a reply.
	maxCmds = 4096
	// maxFiles bounds the attachments tracked per mail.
	maxFiles = 64
)

// replyCodes are the reply codes Suricata's parser knows; any other is an
// invalid reply.
var replyCodes = map[string]bool{}

func init() {
	for _, c := range []int{211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 401, 402, 421, 435, 450, 451, 452,
		454, 455, 500, 501, 502, 503, 504, 511, 521, 522, 525, 530, 534, 535, 541, 543, 550, 551, 552, 553, 554, 555} {
		replyCodes[strconv.Itoa(c)] = true
	}
}

// Parser reads one SMTP connection.
type Parser struct {
	cfg     Config
	schemes []string
	custom  []emailField
	// Helo is the first HELO/EHLO parameter of the connection.
	Helo    []byte
	hasHelo bool
	cur     *Tx
	txCount uint64
	cmds    []byte
	cmdTx   []*Tx // the transaction each queued command belongs to
	cmdIdx  int
	state   uint8
	command byte // the command being processed (Suricata's current_command)
	held    [2][]byte
	discard [2]bool
	// off is the stream offset of the next byte fed, by direction.
	off      [2]int64
	bdatLen  uint64
	bdatIdx  uint64
	lineOpen [2]int64 // offset of the line frame open in SMTPGetLine, or -1
	dataOpen int64    // offset of the open data frame, or -1
	dataTx   int64
	updated  []*Tx
	// TLS is set once the server accepted STARTTLS: the connection goes
	// on in TLS.
	TLS bool
	// OnFrame, when set, is called with each frame as Suricata's parser
	// opens it (see Frame).
	OnFrame func(Frame)
	// Truncated counts what the parser's bounds dropped: header values,
	// headers, URLs, boundaries and file bytes past their caps, lines
	// past the line limit, commands past the queue's bound.
	Truncated uint64
	// Errors counts inputs the parser gave up on (Suricata's parser
	// errors): the rest of such an input is not parsed.
	Errors uint64
}

// NewParser returns a parser with the given settings.
func NewParser(cfg Config) *Parser {
	return &Parser{cfg: cfg, schemes: strings.Fields(cfg.URLSchemes), custom: customFields(cfg.LogCustom), lineOpen: [2]int64{-1, -1}, dataOpen: -1}
}

// Held is the bytes the parser holds for lines not complete yet.
func (p *Parser) Held() int { return len(p.held[0]) + len(p.held[1]) }

// Tx returns the transaction being parsed, or nil.
func (p *Parser) Tx() *Tx { return p.cur }

// Gap tells the parser n bytes of a direction are missing: the partial
// line held is dropped.
func (p *Parser) Gap(toServer bool, n int) {
	d := dirIndex(toServer)
	p.off[d] += int64(len(p.held[d])) + int64(n)
	p.held[d] = nil
	p.discard[d] = true
}

func dirIndex(toServer bool) int {
	if toServer {
		return 0
	}
	return 1
}

func (p *Parser) inData() bool {
	return (p.command == cmdData || p.command == cmdBDAT) && p.state&stDataMode != 0
}

// Feed parses the next bytes of one direction and returns the
// transactions they changed, in order (valid until the next call).
func (p *Parser) Feed(toServer bool, b []byte) []*Tx {
	p.updated = p.updated[:0]
	d := dirIndex(toServer)
	in := b
	base := p.off[d]
	if len(p.held[d]) > 0 {
		base -= int64(len(p.held[d]))
		in = append(p.held[d], b...)
		p.held[d] = nil
	}
	p.off[d] += int64(len(b))
	var rest int
	if toServer {
		rest = p.commands(in, base)
	} else {
		rest = p.replies(in, base)
	}
	if rest < len(in) {
		p.held[d] = append([]byte(nil), in[rest:]...)
	}
	return p.updated
}

func (p *Parser) touch(tx *Tx) {
	if tx == nil {
		return
	}
	for _, u := range p.updated {
		if u == tx {
			return
		}
	}
	p.updated = append(p.updated, tx)
}

func (p *Parser) event(name string) {
	if p.cur != nil {
		p.cur.event(name)
		p.touch(p.cur)
	}
}

// line is one line of input: its bytes without delimiter, the
// delimiter's length and its offset in the stream.
type line struct {
	b     []byte
	delim int
	off   int64
	lf    bool // a line feed ended it (a cut line may have none)
}

func (l *line) full(in []byte, pos int) []byte { return in[pos : pos+len(l.b)+l.delim] }

// getLine takes the line at in[pos:] (SMTPGetLine): next is where the
// input goes on; ok is false when the line is not complete yet.
func (p *Parser) getLine(d int, in []byte, pos int, base int64) (l line, next int, ok bool) {
	if p.lineOpen[d] < 0 && (d == 1 || !(p.command == cmdData && p.state&stDataMode != 0)) {
		p.lineOpen[d] = base + int64(pos)
		if d == 1 {
			p.frame(FrameResponseLine, false, p.curID(), p.lineOpen[d], -1)
		}
	}
	l.off = base + int64(pos)
	lf := bytes.IndexByte(in[pos:], '\n')
	if lf < 0 {
		if !p.discard[d] && len(in)-pos >= lineLimit {
			l.b = in[pos : pos+lineLimit]
			return l, len(in), true
		}
		return l, pos, false
	}
	next = pos + lf + 1
	l.lf = true
	full := in[pos:next]
	if p.lineOpen[d] >= 0 {
		p.closeLine(d, int64(len(full)))
	}
	switch {
	case len(full) >= lineLimit:
		l.b = full[:lineLimit]
	case p.discard[d]:
		p.discard[d] = false
	case len(full) >= 2 && full[len(full)-2] == '\r':
		l.b, l.delim = full[:len(full)-2], 2
	default:
		l.b, l.delim = full[:len(full)-1], 1
	}
	return l, next, true
}

// cut reports a line cut at the line limit: the rest of the input is
// dropped, and up to the next line feed when the cut line had none.
func (p *Parser) cut(d int, l line) bool {
	if l.delim != 0 || len(l.b) != lineLimit {
		return false
	}
	if !l.lf {
		p.discard[d] = true
	}
	p.Truncated++
	p.event("truncated_line")
	return true
}

// commands parses client input; it returns how much of in it consumed.
func (p *Parser) commands(in []byte, base int64) int {
	pos := 0
	if p.inData() {
		var yield bool
		if pos, yield = p.dataLines(in, pos, base); !yield && pos == len(in) {
			return pos
		}
	}
	for pos < len(in) {
		l, next, ok := p.getLine(0, in, pos, base)
		if !ok {
			if p.discard[0] {
				return len(in)
			}
			return pos
		}
		if !p.request(l, l.full(in, pos)) {
			p.Errors++
			return len(in)
		}
		if p.cut(0, l) {
			return len(in)
		}
		pos = next
		if pos < len(in) && p.command == cmdData && p.state&stDataMode != 0 {
			if pos, _ = p.dataLines(in, pos, base); pos == len(in) {
				return pos
			}
		}
	}
	return pos
}

// dataLines reads the lines of a mail's data (SMTPPreProcessCommands):
// any line length, a line ends at CR, LF or CRLF, and the input's last
// bytes are a line even without an end. It yields to line-by-line
// reading (yield true) while the MIME headers are read and on a line
// starting with '-' (a possible boundary).
func (p *Parser) dataLines(in []byte, pos int, base int64) (int, bool) {
	if p.cur != nil && p.cur.Mime != nil && p.cur.Mime.stage < mimeBody {
		return pos, true
	}
	start := pos
	for i := pos; i < len(in); i++ {
		delim := 0
		switch in[i] {
		case '\r':
			if i+1 < len(in) && in[i+1] == '\n' {
				i++
				delim++
			}
			delim++
		case '\n':
			delim++
		}
		if delim == 0 && i != len(in)-1 {
			continue
		}
		if in[start] == '-' && (len(in)-start == 1 || in[start+1] == '-') {
			return start, true
		}
		l := line{b: in[start : i+1-delim], delim: delim, off: base + int64(start)}
		if !p.request(l, in[start:i+1]) {
			p.Errors++
			return len(in), false
		}
		start = i + 1
		if p.state&stDataMode == 0 {
			if p.dataOpen >= 0 {
				p.frame(FrameData, true, p.dataTx, p.dataOpen, base+int64(start)-p.dataOpen)
				p.dataOpen = -1
			}
			break
		}
	}
	return start, false
}

func (p *Parser) curID() int64 {
	if p.cur == nil {
		return -1
	}
	return int64(p.cur.ID)
}

// closeLine gives the open line frame of a direction its length.
func (p *Parser) closeLine(d int, n int64) {
	t := FrameCommandLine
	if d == 1 {
		t = FrameResponseLine
	}
	tx := int64(-1)
	if d == 1 {
		tx = p.curID()
	}
	p.frame(t, d == 0, tx, p.lineOpen[d], n)
	p.lineOpen[d] = -1
}

// noNewTx: RSET and QUIT belong to the transaction before them.
func (p *Parser) noNewTx(l []byte) bool {
	return p.state&stDataMode == 0 && len(l) >= 4 && (equalLower(l[:4], "rset") || equalLower(l[:4], "quit"))
}

// request processes one client line (SMTPProcessRequest); false is a
// parser error.
func (p *Parser) request(l line, full []byte) bool {
	inData := p.command == cmdData && p.state&stDataMode != 0
	if p.lineOpen[0] >= 0 {
		p.closeLine(0, int64(len(l.b)))
	} else if !inData {
		// Suricata makes this frame before the line is processed (a
		// data frame the line opens comes after it) and gives it the
		// line's transaction after
		p.frame(FrameCommandLine, true, -1, l.off, -1)
		defer func(off int64, n int) { p.frame(FrameCommandLine, true, p.curID(), off, int64(n)) }(l.off, len(l.b))
	}
	if len(l.b) == 0 && l.delim == 0 {
		return true
	}
	if p.cur == nil || p.cur.Done && !p.noNewTx(l.b) {
		if p.cfg.MaxTx > 0 && p.txCount > uint64(p.cfg.MaxTx) {
			return false
		}
		p.cur = &Tx{ID: p.txCount}
		p.txCount++
	}
	tx := p.cur
	p.touch(tx)
	if p.state&stFirstReply == 0 {
		p.event("no_server_welcome_message")
	}
	if p.state&stDataMode == 0 {
		return p.command1(l, full)
	}
	switch p.command {
	case cmdData:
		p.data(tx, l, full)
	case cmdBDAT:
		p.bdatIdx += uint64(len(l.b) + l.delim)
		switch {
		case p.bdatIdx > p.bdatLen:
			p.state &^= stDataMode
			p.event("bdat_chunk_len_exceeded")
			return false
		case p.bdatIdx == p.bdatLen:
			p.state &^= stDataMode
		}
	}
	return true
}

// command1 reads a command line.
func (p *Parser) command1(l line, full []byte) bool {
	b, tx := l.b, p.cur
	hasPrefix := func(s string) bool { return len(b) >= len(s) && equalLower(b[:len(s)], s) }
	switch {
	case hasPrefix("starttls"):
		p.command = cmdStartTLS
	case hasPrefix("data"):
		p.command = cmdData
		if tx.isData {
			p.event("unparsable_content")
			return true
		}
		if p.cfg.DecodeMIME {
			tx.Mime = p.newMime(tx)
		}
		tx.isData = true
		p.dataOpen, p.dataTx = l.off+int64(len(full)), int64(tx.ID)
		p.frame(FrameData, true, p.dataTx, p.dataOpen, -1)
		if p.state&stPipelining != 0 {
			p.state |= stDataMode
		}
	case hasPrefix("bdat"):
		n, ok := bdatLen(b)
		if !ok {
			return false
		}
		p.bdatLen = n
		p.command = cmdBDAT
		p.state |= stDataMode
	case hasPrefix("helo"), hasPrefix("ehlo"):
		if p.hasHelo {
			p.event("duplicate_fields")
		} else {
			p.Helo, p.hasHelo = param(b, 4), true
		}
		p.command = cmdOther
	case hasPrefix("mail from"):
		if tx.hasFrom {
			p.event("duplicate_fields")
		} else {
			tx.MailFrom, tx.hasFrom = param(b, 9), true
		}
		p.command = cmdOther
	case hasPrefix("rcpt to"):
		tx.RcptTo = append(tx.RcptTo, param(b, 7))
		p.command = cmdOther
	case hasPrefix("rset"):
		p.bdatIdx = 0
		p.command = cmdRSET
	case hasPrefix("quit"):
		p.command = cmdQuit
	default:
		p.command = cmdOther
	}
	return p.queue(p.command)
}

// param is a command's parameter (SMTPParseCommandWithParam): from the
// second byte after the command name, spaces skipped, to the next space.
func param(b []byte, prefix int) []byte {
	i := prefix + 1
	for i < len(b) && b[i] == ' ' {
		i++
	}
	i = min(i, len(b))
	end := i
	for end < len(b) && b[end] != ' ' {
		end++
	}
	return bytes.Clone(b[i:end])
}

// bdatLen reads BDAT's chunk size: spaces after the command, then a
// decimal number.
func bdatLen(b []byte) (uint64, bool) {
	i := 4
	for i < len(b) && b[i] == ' ' {
		i++
	}
	if i == 4 || i == len(b) {
		return 0, false
	}
	s := b[i:min(len(b), i+23)]
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == 0 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(s[:end]), 10, 32)
	return n, err == nil
}

// queue adds a command to those awaiting a reply.
func (p *Parser) queue(c byte) bool {
	if n := len(p.cmds); n > 0 && (p.cmds[n-1] == cmdStartTLS || p.cmds[n-1] == cmdData) {
		p.event("invalid_pipelined_sequence")
	}
	if len(p.cmds) >= maxCmds {
		p.Truncated++
		return false
	}
	p.cmds = append(p.cmds, c)
	p.cmdTx = append(p.cmdTx, p.cur)
	return true
}

// data processes a line of a mail's data (SMTPProcessCommandDATA).
func (p *Parser) data(tx *Tx, l line, full []byte) {
	if len(l.b) == 1 && l.b[0] == '.' {
		p.state &^= stDataMode
		p.queue(cmdDataMode)
		if tx.Mime != nil {
			tx.Mime.complete()
			if f := tx.openFile(); f != nil {
				f.close()
			}
		}
		tx.Done = true
	}
	if p.command != cmdData || p.state&stDataMode == 0 || tx.Mime == nil {
		return
	}
	res, w := tx.Mime.parseLine(l.b, full)
	if len(l.b) > maxLineLen {
		w |= anomLongLine
	}
	for i, name := range anomEvents {
		if w&(1<<i) != 0 {
			p.event(name)
		}
	}
	switch res {
	case mimeFileOpen:
		switch {
		case len(tx.Mime.filename) == 0:
		case len(tx.Files) >= maxFiles:
			p.Truncated++
		default:
			tx.Files = append(tx.Files, &File{Name: bytes.Clone(tx.Mime.filename), hash: filehash.New(p.cfg.FileHashes)})
		}
	case mimeFileClose:
		if f := tx.openFile(); f != nil {
			f.close()
		}
	}
}

func (p *Parser) newMime(tx *Tx) *Mime {
	return &Mime{cfg: &p.cfg, schemes: p.schemes, truncated: &p.Truncated, file: func(b []byte) {
		f := tx.openFile()
		if f == nil {
			return
		}
		f.Size += uint64(len(b))
		f.hash.Write(b)
		room := p.cfg.FileLimit - len(f.Data)
		if len(b) > room {
			p.Truncated++
			b = b[:max(room, 0)]
		}
		f.Data = append(f.Data, b...)
	}}
}

// replies parses server input; it returns how much of in it consumed.
func (p *Parser) replies(in []byte, base int64) int {
	pos := 0
	for pos < len(in) {
		l, next, ok := p.getLine(1, in, pos, base)
		if !ok {
			if p.discard[1] {
				return len(in)
			}
			return pos
		}
		if !p.reply(l, pos == 0 && next == 1) {
			p.Errors++
			return len(in)
		}
		if p.cut(1, l) {
			return len(in)
		}
		pos = next
	}
	return pos
}

// reply processes one reply line (SMTPProcessReply); false is a parser
// error.
func (p *Parser) reply(l line, loneLF bool) bool {
	b := l.b
	if len(b) == 0 && loneLF && l.delim == 1 {
		return true
	}
	tx := p.cur
	if p.cmdIdx < len(p.cmds) {
		// the reply's transaction is its command's (Suricata 8.0.7)
		tx = p.cmdTx[p.cmdIdx]
	}
	p.touch(tx)
	if len(b) < 3 {
		p.event("invalid_reply")
		return false
	}
	if len(b) >= 4 {
		if p.state&stMultiline != 0 {
			if b[3] != '-' {
				p.state &^= stMultiline
			}
		} else if b[3] == '-' {
			p.state |= stMultiline
		}
	} else {
		p.state &^= stMultiline
	}
	code := string(b[:3])
	if !replyCodes[code] {
		p.event("invalid_reply")
		return false
	}
	if p.cmdIdx == len(p.cmds) {
		if p.state&stFirstReply == 0 {
			if p.state&stMultiline == 0 {
				p.state |= stFirstReply
			}
			if code != "220" {
				p.event("invalid_reply")
			}
		}
		return true
	}
	last := p.state&stMultiline == 0
	switch p.cmds[p.cmdIdx] {
	case cmdStartTLS:
		if code == "220" {
			p.state |= stDataMode
			p.TLS = true
			if tx != nil {
				tx.Done, tx.Replied = true, true
			}
		} else {
			p.event("tls_rejected")
		}
	case cmdData:
		if code == "354" {
			p.state |= stDataMode
		} else {
			if p.state&stPipelining != 0 {
				p.state &^= stDataMode
			}
			p.event("data_command_rejected")
		}
	case cmdDataMode:
		if tx != nil && last {
			tx.Replied = true
		}
	case cmdRSET:
		if code == "250" && tx != nil && last {
			tx.Done, tx.Replied = true, true
		}
	case cmdQuit:
		if code == "221" && tx != nil && last {
			tx.Done, tx.Replied = true, true
		}
	}
	if p.state&stMultiline == 0 {
		p.cmdIdx++
	} else if p.state&stFirstReply != 0 && code == "250" && len(b) == 14 && equalLower(b[4:14], "pipelining") {
		p.state |= stPipelining
	}
	if p.cmdIdx == len(p.cmds) {
		p.cmds, p.cmdTx, p.cmdIdx = p.cmds[:0], p.cmdTx[:0], 0
	}
	return true
}
