console.log("crucible");
