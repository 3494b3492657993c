import ExamKit
