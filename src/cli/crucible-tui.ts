console.log("crucible-tui");
