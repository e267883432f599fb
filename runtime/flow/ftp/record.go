package ftp

// Record is the transaction's EVE ftp section as Suricata 8 writes it:
// command, command_data and command_truncated, completion_code and
// reply (one per reply line that has them), dynamic_port, mode (for
// PORT, EPRT, PASV and EPSV), reply_received, reply_truncated.
func Record(tx *Tx) map[string]any {
	m := map[string]any{}
	if tx.Command.Known() {
		m["command"] = tx.Command.String()
		if d, ok := tx.CommandData(); ok {
			m["command_data"] = string(d)
			m["command_truncated"] = tx.RequestTruncated
		}
	}
	var codes, replies []any
	truncated := false
	for _, r := range tx.Replies {
		truncated = truncated || r.Truncated
		if len(r.Code) > 0 {
			codes = append(codes, string(r.Code))
		}
		if len(r.Text) > 0 {
			replies = append(replies, string(r.Text))
		}
	}
	if codes != nil {
		m["completion_code"] = codes
	}
	if replies != nil {
		m["reply"] = replies
	}
	if tx.DynPort != 0 {
		m["dynamic_port"] = tx.DynPort
	}
	switch tx.Command {
	case CmdPORT, CmdEPRT, CmdPASV, CmdEPSV:
		m["mode"] = "passive"
		if tx.Active {
			m["mode"] = "active"
		}
	}
	m["reply_received"] = "no"
	if tx.Done {
		m["reply_received"] = "yes"
	}
	m["reply_truncated"] = truncated
	return m
}

// DataRecord is an ftp-data connection's EVE ftp_data section: the file
// name and the command of its transfer.
func DataRecord(t *Transfer) map[string]any {
	m := map[string]any{}
	if t.File != nil {
		m["filename"] = string(t.File)
	}
	switch t.Command {
	case CmdSTOR, CmdAPPE, CmdSTOU, CmdRETR, CmdNLST, CmdLIST, CmdMLSD:
		m["command"] = t.Command.String()
	}
	return m
}
