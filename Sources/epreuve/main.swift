await Epreuve.runMain()
