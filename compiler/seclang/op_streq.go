package seclang

func init() { registerOp("streq", anyArg) }
