print("epreuve")
